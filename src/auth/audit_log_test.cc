#include "auth/audit_log.h"

#include <gtest/gtest.h>

#include "auth/internal/auth_test_fixture.h"
#include "store/transaction.h"

namespace shequ::auth {
namespace {

class AuditLogTest : public internal::AuthDatabaseTest,
                     public testing::WithParamInterface<store::Backend> {
 protected:
  void SetUp() override { OpenDatabase(GetParam()); }

  AuditEntry Entry(std::string action, Instant at, CommunityId community = {}) {
    AuditEntry entry;
    entry.at = at;
    entry.login = "system";
    entry.action = std::move(action);
    entry.record_type = "resident";
    entry.record_id = "7";
    entry.community_id = community;
    entry.remote_address = "10.0.0.1";
    entry.request_id = "req";
    return entry;
  }

  Status AppendAll(const std::vector<AuditEntry>& entries) {
    auto connection = database_->Acquire();
    if (!connection) return std::unexpected(connection.error());
    for (const AuditEntry& entry : entries) {
      SHEQU_RETURN_IF_ERROR(audit_.Append(**connection, entry));
    }
    return {};
  }

  std::vector<AuditEntry> Recent(const AuditQuery& query) {
    auto connection = database_->Acquire();
    EXPECT_TRUE(connection);
    auto entries = audit_.Recent(**connection, query);
    EXPECT_TRUE(entries) << entries.error().message;
    return entries.value_or(std::vector<AuditEntry>{});
  }

  AuditLog audit_;
};

TEST_P(AuditLogTest, RoundTripsEveryField) {
  AuditEntry entry = Entry("resident.read_id_number", kStart, kCommunity10);
  entry.detail = "field=id_number";
  ASSERT_TRUE(AppendAll({entry}));
  auto entries = Recent({});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_GT(entries[0].id, 0);
  EXPECT_EQ(entries[0].at, kStart);
  EXPECT_FALSE(entries[0].user_id.valid());
  EXPECT_EQ(entries[0].login, "system");
  EXPECT_EQ(entries[0].action, "resident.read_id_number");
  EXPECT_EQ(entries[0].record_type, "resident");
  EXPECT_EQ(entries[0].record_id, "7");
  EXPECT_EQ(entries[0].community_id, kCommunity10);
  EXPECT_EQ(entries[0].remote_address, "10.0.0.1");
  EXPECT_EQ(entries[0].request_id, "req");
  EXPECT_EQ(entries[0].detail, "field=id_number");

  ASSERT_TRUE(AppendAll({Entry("user.create", kStart + 1)}));
  entries = Recent({});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].detail, std::nullopt);
  EXPECT_FALSE(entries[0].community_id.valid());
}

TEST_P(AuditLogTest, JoinsTheCallersTransaction) {
  auto connection = database_->Acquire();
  ASSERT_TRUE(connection);
  {
    auto tx = store::Transaction::Begin(**connection);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(audit_.Append(**connection, Entry("resident.update", kStart)));
    // Destroyed uncommitted: the change it described did not happen, so neither did the entry.
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);
  {
    auto tx = store::Transaction::Begin(**connection);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(audit_.Append(**connection, Entry("resident.update", kStart)));
    ASSERT_TRUE(tx->Rollback());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);
  {
    auto tx = store::Transaction::Begin(**connection);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(audit_.Append(**connection, Entry("resident.update", kStart)));
    ASSERT_TRUE(tx->Commit());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 1);
}

TEST_P(AuditLogTest, RefusesACommunityThatDoesNotExist) {
  auto status = AppendAll({Entry("resident.update", kStart, CommunityId(999))});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
}

TEST_P(AuditLogTest, FiltersAndPagesNewestFirst) {
  ASSERT_TRUE(AppendAll({
      Entry("resident.read_id_number", kStart + 1, kCommunity10),
      Entry("resident.update", kStart + 2, kCommunity11),
      Entry("resident.read_id_number", kStart + 3, kCommunity20),
      Entry("resident.read_id_number", kStart + 4, kCommunity10),
      Entry("user.create", kStart + 5),
  }));

  auto all = Recent({});
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].at, kStart + 5);
  EXPECT_EQ(all[4].at, kStart + 1);

  AuditQuery by_community;
  by_community.community_id = kCommunity10;
  EXPECT_EQ(Recent(by_community).size(), 2u);

  AuditQuery by_street;
  by_street.street_id = kStreet1;
  EXPECT_EQ(Recent(by_street).size(), 3u);  // communities 10, 10 and 11

  AuditQuery by_action;
  by_action.action = "resident.read_id_number";
  by_action.since = kStart + 2;
  EXPECT_EQ(Recent(by_action).size(), 2u);

  AuditQuery page;
  page.limit = 2;
  auto first = Recent(page);
  ASSERT_EQ(first.size(), 2u);
  page.before_id = first.back().id;
  auto second = Recent(page);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].at, kStart + 3);
  page.before_id = second.back().id;
  auto third = Recent(page);
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].at, kStart + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest,
                         testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         internal::BackendParamName);

}  // namespace
}  // namespace shequ::auth
