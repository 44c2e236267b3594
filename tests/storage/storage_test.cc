// The storage suite: one set of cases, run on SQLite and on PostgreSQL.
//
// SQLite gets a fresh file per case; PostgreSQL a fresh database per case on the server named by
// SHEQU_TEST_POSTGRES_URL (scripts/with-postgres.sh starts one). Without that variable the
// PostgreSQL cases fail rather than skip: a skipped back end is a failed test run.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <ostream>
#include <random>
#include <set>
#include <source_location>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "base/log.h"
#include "scratch_database.h"
#include "store/connection.h"
#include "store/database.h"
#include "store/driver_connection.h"
#include "store/migrations.h"
#include "store/transaction.h"

namespace shequ::store {

// Lets GoogleTest print a Value holding a Blob.
void PrintTo(const Blob& blob, std::ostream* out) {
  *out << "Blob{";
  for (std::size_t i = 0; i < blob.bytes.size(); ++i) {
    *out << (i ? "," : "") << int{blob.bytes[i]};
  }
  *out << "}";
}

namespace {

using testing_support::ParamName;
using testing_support::WithDatabase;

// The value of a Result the case cannot go on without; a failure ends the case with the error
// and the line that asked.
template <typename T>
T Must(Result<T> result, std::source_location where = std::source_location::current()) {
  if (!result) {
    throw std::runtime_error("line " + std::to_string(where.line()) + ": " +
                             std::string(ErrorCodeName(result.error().code)) + ": " +
                             result.error().message);
  }
  return std::move(*result);
}

void Must(Status status, std::source_location where = std::source_location::current()) {
  if (!status) {
    throw std::runtime_error("line " + std::to_string(where.line()) + ": " +
                             std::string(ErrorCodeName(status.error().code)) + ": " +
                             status.error().message);
  }
}

Value Text(std::string text) { return Value(std::move(text)); }
Value Int(std::int64_t value) { return Value(value); }

class StorageTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    ASSERT_NO_FATAL_FAILURE(scratch_.Create(GetParam()));
    url_ = scratch_.url();
    admin_url_ = scratch_.admin_url();
    auto database = Database::Open(url_);
    ASSERT_TRUE(database) << database.error().message;
    db_ = std::move(*database);
  }

  void TearDown() override {
    db_.reset();
    scratch_.Drop();
  }

  PooledConnection Connect(Database& database) { return Must(database.Acquire()); }
  PooledConnection Connect() { return Connect(*db_); }

  std::unique_ptr<Database> OpenAnother(DatabaseOptions options = {}) {
    return Must(Database::Open(url_, options));
  }

  // Runs DDL written with the migration placeholders {{ID}} and {{BLOB}}.
  static void Exec(Connection& connection, std::string_view sql) {
    Must(connection.ExecuteScript(
        Must(MigrationSqlFor(Migration{0, "test", sql}, connection.backend()))));
  }

  static std::int64_t Count(Connection& connection, std::string_view table) {
    return Must(connection.Query("SELECT COUNT(*) FROM " + std::string(table)))
        .rows.at(0)
        .GetInt(0);
  }

  static bool TableExists(Connection& connection, std::string_view table) {
    const char* sql = connection.backend() == Backend::kSqlite
                          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
                          : "SELECT COUNT(*) FROM information_schema.tables "
                            "WHERE table_schema = current_schema() AND table_name = ?";
    return Must(connection.Query(sql, {Text(std::string(table))})).rows.at(0).GetInt(0) == 1;
  }

  testing_support::ScratchDatabase scratch_;
  std::string admin_url_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

// ---------------------------------------------------------------------------------------------
// Values

TEST_P(StorageTest, RoundTripsEveryValueKind) {
  auto connection = Connect();
  Exec(*connection,
       "CREATE TABLE kinds (id {{ID}}, i BIGINT, d DOUBLE PRECISION, t TEXT, b {{BLOB}})");
  const std::vector<std::vector<Value>> rows = {
      {kNull, kNull, kNull, kNull},
      {Int(std::numeric_limits<std::int64_t>::max()), 3.141592653589793,
       Text("社区居委会（小巷总理）🏠 — ünïcödé"), Blob{{0, 1, 0, 255, 0}}},
      {Int(std::numeric_limits<std::int64_t>::min()), -1e-300, Text(""), Blob{}},
      {Int(0), 0.1 + 0.2, Text("'quoted' \"double\" \\back\\ ?"), Blob{{0}}},
      {Int(-1), 1e300, Text("\n\t"), Blob{{0xff, 0xfe, 0x00, 0x80}}},
  };
  for (const auto& row : rows) {
    auto inserted =
        Must(connection->Query("INSERT INTO kinds (i, d, t, b) VALUES (?, ?, ?, ?)", row));
    EXPECT_EQ(inserted.rows_affected, 1);
  }

  const QueryResult result = Must(connection->Query("SELECT i, d, t, b FROM kinds ORDER BY id"));
  EXPECT_EQ(result.columns, (std::vector<std::string>{"i", "d", "t", "b"}));
  ASSERT_EQ(result.rows.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      EXPECT_EQ(result.rows[r].at(c), rows[r][c]) << "row " << r << " column " << c;
    }
  }
  EXPECT_TRUE(result.rows[0].IsNull(2));
  EXPECT_EQ(result.rows[0].GetOptionalInt(0), std::nullopt);
  EXPECT_EQ(result.rows[0].GetOptionalText(2), std::nullopt);
  EXPECT_EQ(result.rows[1].GetOptionalInt(0), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(result.rows[2].GetBlob(3).bytes.size(), 0u);
}

TEST_P(StorageTest, FindsChineseTextByEqualityAndLike) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE places (id {{ID}}, name TEXT NOT NULL)");
  for (const char* name : {"朝阳门社区", "社区服务中心", "老年食堂", "Tianshui Road"}) {
    Must(connection->Query("INSERT INTO places (name) VALUES (?)", {Text(name)}));
  }
  const auto exact = Must(connection->Query("SELECT id, length(name) FROM places WHERE name = ?",
                                            {Text("社区服务中心")}));
  ASSERT_EQ(exact.rows.size(), 1u);
  EXPECT_EQ(exact.rows[0].GetInt(1), 6) << "length() counts characters, not bytes";

  const auto like = Must(
      connection->Query("SELECT name FROM places WHERE name LIKE ? ORDER BY id", {Text("%社区%")}));
  ASSERT_EQ(like.rows.size(), 2u);
  EXPECT_EQ(like.rows[0].GetText(0), "朝阳门社区");
  EXPECT_EQ(like.rows[1].GetText(0), "社区服务中心");
}

TEST_P(StorageTest, ParametersWithoutAColumnRoundTrip) {
  auto connection = Connect();
  // A bare `SELECT ?` has no column to take a type from; PostgreSQL reads an untyped parameter as
  // text, so numbers are cast. Blobs are declared bytea and need nothing.
  const auto result =
      Must(connection->Query("SELECT CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), ?, ?",
                             {Int(-42), 2.5, Text("网格"), Blob{{0, 7, 0}}}));
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0].GetInt(0), -42);
  EXPECT_EQ(result.rows[0].GetDouble(1), 2.5);
  EXPECT_EQ(result.rows[0].GetText(2), "网格");
  EXPECT_EQ(result.rows[0].GetBlob(3), (Blob{{0, 7, 0}}));
}

TEST_P(StorageTest, TextWithANulByteIsRefused) {
  auto connection = Connect();
  auto result = connection->Query("SELECT CAST(? AS TEXT)", {Text(std::string("a\0b", 3))});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// Statements

TEST_P(StorageTest, QuestionMarksInLiteralsIdentifiersAndCommentsAreNotPlaceholders) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE notes (id {{ID}}, body TEXT NOT NULL, \"why?\" TEXT)");
  Must(connection->Query("INSERT INTO notes (body, \"why?\") VALUES ('what?', ?) -- really?\n",
                         {Text("because")}));
  Must(connection->Query("INSERT INTO notes (body, \"why?\") /* which? */ VALUES (?, 'it''s ?')",
                         {Text("second")}));

  const auto result = Must(connection->Query(
      "SELECT body, \"why?\" FROM notes WHERE body = '?' OR \"why?\" = ? ORDER BY id",
      {Text("because")}));
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0].GetText(0), "what?");
  EXPECT_EQ(result.rows[0].GetText(1), "because");

  const auto quoted = Must(connection->Query(
      "SELECT body FROM notes WHERE \"why?\" = 'it''s ?' AND body = ?", {Text("second")}));
  ASSERT_EQ(quoted.rows.size(), 1u);
}

TEST_P(StorageTest, InsertReturningGivesTheNewIds) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE residents (id {{ID}}, name TEXT NOT NULL)");
  const auto first = Must(
      connection->Query("INSERT INTO residents (name) VALUES (?) RETURNING id", {Text("张伟")}));
  const auto second = Must(connection->Query(
      "INSERT INTO residents (name) VALUES (?) RETURNING id, name", {Text("王芳")}));
  ASSERT_EQ(first.rows.size(), 1u);
  ASSERT_EQ(second.rows.size(), 1u);
  EXPECT_GE(first.rows[0].GetInt(0), 1);
  EXPECT_GT(second.rows[0].GetInt(0), first.rows[0].GetInt(0));
  EXPECT_EQ(second.rows[0].GetText(1), "王芳");
  EXPECT_EQ(first.rows_affected, 1);
  EXPECT_EQ(second.columns, (std::vector<std::string>{"id", "name"}));
}

TEST_P(StorageTest, DeletedIdsAreNotHandedOutAgain) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE residents (id {{ID}}, name TEXT NOT NULL)");
  Must(connection->Query("INSERT INTO residents (name) VALUES ('a')"));
  const std::int64_t last =
      Must(connection->Query("INSERT INTO residents (name) VALUES ('b') RETURNING id"))
          .rows[0]
          .GetInt(0);
  Must(connection->Query("DELETE FROM residents WHERE id = ?", {Int(last)}));
  const std::int64_t next =
      Must(connection->Query("INSERT INTO residents (name) VALUES ('c') RETURNING id"))
          .rows[0]
          .GetInt(0);
  EXPECT_GT(next, last) << "an id in an audit entry must never come to name another record";
}

TEST_P(StorageTest, RowsAffectedCountsWrittenRowsOnly) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE t (id {{ID}}, grid INTEGER NOT NULL)");
  for (std::int64_t grid : {1, 1, 2}) {
    Must(connection->Query("INSERT INTO t (grid) VALUES (?)", {Int(grid)}));
  }
  EXPECT_EQ(Must(connection->Query("UPDATE t SET grid = ? WHERE grid = ?", {Int(3), Int(1)}))
                .rows_affected,
            2);
  EXPECT_EQ(Must(connection->Query("SELECT * FROM t")).rows_affected, 0);
  EXPECT_EQ(Must(connection->Query("DELETE FROM t WHERE grid = ?", {Int(9)})).rows_affected, 0);
  EXPECT_EQ(Must(connection->Query("CREATE TABLE u (x INTEGER)")).rows_affected, 0);
  EXPECT_EQ(Must(connection->Query("DELETE FROM t")).rows_affected, 3);
}

TEST_P(StorageTest, TheSameSqlIsPreparedOnce) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE t (id {{ID}}, name TEXT NOT NULL UNIQUE)");
  auto* driver = dynamic_cast<DriverConnection*>(&*connection);
  ASSERT_NE(driver, nullptr);

  const char* insert = "INSERT INTO t (name) VALUES (?)";
  Must(connection->Query(insert, {Text("a")}));
  const std::size_t cached = driver->CachedStatementCount();
  Must(connection->Query(insert, {Text("b")}));
  EXPECT_EQ(driver->CachedStatementCount(), cached);

  // A failed run leaves the statement usable.
  EXPECT_FALSE(connection->Query(insert, {Text("a")}));
  Must(connection->Query(insert, {Text("c")}));
  EXPECT_EQ(driver->CachedStatementCount(), cached);
  EXPECT_EQ(Count(*connection, "t"), 3);
}

TEST_P(StorageTest, ProgrammerErrorsAreInternal) {
  auto connection = Connect();
  auto too_few = connection->Query("SELECT CAST(? AS BIGINT), CAST(? AS BIGINT)", {Int(1)});
  ASSERT_FALSE(too_few);
  EXPECT_EQ(too_few.error().code, ErrorCode::kInternal);

  auto two_statements = connection->Query("SELECT 1; SELECT 2");
  ASSERT_FALSE(two_statements);
  EXPECT_EQ(two_statements.error().code, ErrorCode::kInternal);

  auto no_table = connection->Query("SELECT * FROM no_such_table");
  ASSERT_FALSE(no_table);
  EXPECT_EQ(no_table.error().code, ErrorCode::kInternal);

  // The connection is still fine afterwards.
  EXPECT_EQ(Must(connection->Query("SELECT 1")).rows.at(0).GetInt(0), 1);
}

TEST_P(StorageTest, ExecuteScriptRunsSeveralStatements) {
  auto connection = Connect();
  Must(
      connection->ExecuteScript("CREATE TABLE a (x INTEGER); -- first\nINSERT INTO a VALUES "
                                "(1);\nINSERT INTO a VALUES (2);"));
  EXPECT_EQ(Count(*connection, "a"), 2);
}

// ---------------------------------------------------------------------------------------------
// Transactions

TEST_P(StorageTest, CommittedWorkIsVisibleToOtherConnections) {
  auto writer = Connect();
  auto reader = Connect();
  Exec(*writer, "CREATE TABLE t (id {{ID}}, name TEXT NOT NULL)");
  auto transaction = Must(Transaction::Begin(*writer));
  Must(writer->Query("INSERT INTO t (name) VALUES (?)", {Text("一")}));
  EXPECT_EQ(Count(*reader, "t"), 0) << "uncommitted rows are not seen";
  Must(transaction.Commit());
  EXPECT_EQ(Count(*reader, "t"), 1);
}

// Writes two records and fails on the second: the early return must not leave the first.
Status AddTwoRecords(Connection& connection) {
  auto transaction = Transaction::Begin(connection);
  if (!transaction) {
    return std::unexpected(transaction.error());
  }
  SHEQU_RETURN_IF_ERROR(connection.Query("INSERT INTO t (name) VALUES (?)", {Text("first")}));
  SHEQU_RETURN_IF_ERROR(connection.Query("INSERT INTO t (name) VALUES (?)", {Text("first")}));
  return transaction->Commit();
}

TEST_P(StorageTest, AnEarlyReturnRollsBack) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE t (id {{ID}}, name TEXT NOT NULL UNIQUE)");
  auto added = AddTwoRecords(*connection);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count(*connection, "t"), 0);

  // The connection is out of the transaction and takes the next one.
  auto next = Must(Transaction::Begin(*connection));
  Must(connection->Query("INSERT INTO t (name) VALUES (?)", {Text("second")}));
  Must(next.Commit());
  EXPECT_EQ(Count(*connection, "t"), 1);
}

TEST_P(StorageTest, ExplicitRollbackUndoesAndFinishes) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE t (id {{ID}}, name TEXT NOT NULL)");
  auto transaction = Must(Transaction::Begin(*connection));
  Must(connection->Query("INSERT INTO t (name) VALUES ('x')"));
  Must(transaction.Rollback());
  EXPECT_EQ(Count(*connection, "t"), 0);
  auto again = transaction.Commit();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInternal);
}

TEST_P(StorageTest, AMovedTransactionRollsBackOnce) {
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE t (id {{ID}}, name TEXT NOT NULL)");
  {
    auto transaction = Must(Transaction::Begin(*connection));
    Must(connection->Query("INSERT INTO t (name) VALUES ('x')"));
    Transaction moved(std::move(transaction));
  }
  EXPECT_EQ(Count(*connection, "t"), 0);
}

TEST_P(StorageTest, AFailedStatementEndsTheTransactionOnBothBackends) {
  // PostgreSQL refuses every statement after an error until ROLLBACK; SQLite would carry on, so
  // the SQLite back end behaves like PostgreSQL, and code tested on one works on the other.
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE t (id {{ID}}, name TEXT NOT NULL UNIQUE)");
  auto transaction = Must(Transaction::Begin(*connection));
  Must(connection->Query("INSERT INTO t (name) VALUES ('a')"));
  auto duplicate = connection->Query("INSERT INTO t (name) VALUES ('a')");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);

  EXPECT_FALSE(connection->Query("INSERT INTO t (name) VALUES ('b')"));
  auto committed = transaction.Commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code, ErrorCode::kInternal);
  EXPECT_EQ(Count(*connection, "t"), 0);
}

TEST_P(StorageTest, NestedBeginAndStrayCommitAreErrors) {
  auto connection = Connect();
  auto stray = connection->Commit();
  ASSERT_FALSE(stray);
  EXPECT_EQ(stray.error().code, ErrorCode::kInternal);
  Must(connection->Rollback());  // nothing to roll back is fine

  auto transaction = Must(Transaction::Begin(*connection));
  auto nested = Transaction::Begin(*connection);
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().code, ErrorCode::kInternal);
  Must(transaction.Commit());
}

// ---------------------------------------------------------------------------------------------
// Constraints

// A community with one resident, and the rules a second resident can break.
std::int64_t AddCommunityWithOneResident(Connection& connection) {
  Must(connection.ExecuteScript(Must(MigrationSqlFor(
      Migration{0, "test",
                "CREATE TABLE communities (id {{ID}}, name TEXT NOT NULL UNIQUE);"
                "CREATE TABLE residents (id {{ID}}, community_id BIGINT NOT NULL REFERENCES "
                "communities (id), phone TEXT NOT NULL UNIQUE, age INTEGER CHECK (age >= 0));"},
      connection.backend()))));
  const std::int64_t community =
      Must(connection.Query("INSERT INTO communities (name) VALUES (?) RETURNING id",
                            {Text("朝阳门社区")}))
          .rows[0]
          .GetInt(0);
  Must(connection.Query("INSERT INTO residents (community_id, phone, age) VALUES (?, ?, ?)",
                        {Int(community), Text("13800138000"), Int(70)}));
  return community;
}

// Inserts a resident that breaks a rule; expects kConflict, a message that names the rule but
// holds none of the values (they may be personal data), and the table as it was.
void ExpectConflict(Connection& connection, const std::vector<Value>& resident) {
  auto inserted = connection.Query(
      "INSERT INTO residents (community_id, phone, age) VALUES (?, ?, ?)", resident);
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, ErrorCode::kConflict) << inserted.error().message;
  EXPECT_FALSE(inserted.error().message.empty());
  for (const char* value : {"13800138000", "13911112222", "-77"}) {
    EXPECT_EQ(inserted.error().message.find(value), std::string::npos) << inserted.error().message;
  }
  EXPECT_EQ(Must(connection.Query("SELECT COUNT(*) FROM residents")).rows[0].GetInt(0), 1);
}

TEST_P(StorageTest, UniqueViolationIsAConflict) {
  auto connection = Connect();
  const std::int64_t community = AddCommunityWithOneResident(*connection);
  ExpectConflict(*connection, {Int(community), Text("13800138000"), Int(30)});
}

TEST_P(StorageTest, ForeignKeyViolationIsAConflict) {
  auto connection = Connect();
  const std::int64_t community = AddCommunityWithOneResident(*connection);
  ExpectConflict(*connection, {Int(community + 999), Text("13911112222"), Int(30)});

  auto deleted = connection->Query("DELETE FROM communities WHERE id = ?", {Int(community)});
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count(*connection, "communities"), 1);
}

TEST_P(StorageTest, CheckViolationIsAConflict) {
  auto connection = Connect();
  const std::int64_t community = AddCommunityWithOneResident(*connection);
  ExpectConflict(*connection, {Int(community), Text("13911112222"), Int(-77)});
}

TEST_P(StorageTest, NotNullViolationIsAConflict) {
  auto connection = Connect();
  const std::int64_t community = AddCommunityWithOneResident(*connection);
  ExpectConflict(*connection, {Int(community), kNull, Int(30)});
}

// ---------------------------------------------------------------------------------------------
// Migrations

std::vector<std::pair<std::int64_t, std::string>> Recorded(Connection& connection) {
  std::vector<std::pair<std::int64_t, std::string>> recorded;
  for (const Row& row :
       Must(connection.Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY "
                             "version"))
           .rows) {
    EXPECT_GT(row.GetInt(2), 0);
    recorded.emplace_back(row.GetInt(0), row.GetText(1));
  }
  return recorded;
}

TEST_P(StorageTest, MigrationsApplyOnceAndAreRecorded) {
  const std::vector<Migration> two = {
      {1, "communities", "CREATE TABLE communities (id {{ID}}, name TEXT NOT NULL);"},
      {2, "photos",
       "CREATE TABLE photos (id {{ID}}, community_id BIGINT NOT NULL REFERENCES communities (id),"
       " data {{BLOB}} NOT NULL);\nCREATE INDEX photos_community ON photos (community_id);"},
  };
  EXPECT_EQ(Must(Migrate(*db_, two)), (std::vector<int>{1, 2}));
  EXPECT_EQ(Must(Migrate(*db_, two)), std::vector<int>{}) << "a second run has nothing to do";

  auto connection = Connect();
  EXPECT_EQ(Recorded(*connection),
            (std::vector<std::pair<std::int64_t, std::string>>{{1, "communities"}, {2, "photos"}}));

  std::vector<Migration> three = two;
  three.push_back({3, "notes", "CREATE TABLE notes (id {{ID}}, body TEXT);"});
  EXPECT_EQ(Must(Migrate(*db_, three)), std::vector<int>{3});
  EXPECT_EQ(Recorded(*connection).size(), 3u);
}

TEST_P(StorageTest, MigrationPlaceholdersMakeIdsAndBlobs) {
  Must(Migrate(*db_, {{1, "photos", "CREATE TABLE photos (id {{ID}}, data {{BLOB}} NOT NULL);"}}));
  auto connection = Connect();
  const Blob photo{{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d}};
  const std::int64_t id =
      Must(connection->Query("INSERT INTO photos (data) VALUES (?) RETURNING id", {photo}))
          .rows[0]
          .GetInt(0);
  EXPECT_GE(id, 1);
  EXPECT_EQ(
      Must(connection->Query("SELECT data FROM photos WHERE id = ?", {Int(id)})).rows[0].GetBlob(0),
      photo);

  const char* column_type =
      GetParam() == Backend::kSqlite
          ? "SELECT type FROM pragma_table_info('photos') WHERE name = ?"
          : "SELECT data_type FROM information_schema.columns WHERE table_name = 'photos' AND "
            "column_name = ?";
  EXPECT_EQ(Must(connection->Query(column_type, {Text("data")})).rows[0].GetText(0),
            GetParam() == Backend::kSqlite ? "BLOB" : "bytea");
  EXPECT_EQ(Must(connection->Query(column_type, {Text("id")})).rows[0].GetText(0),
            GetParam() == Backend::kSqlite ? "INTEGER" : "bigint");
}

TEST_P(StorageTest, AFailingMigrationRollsBackFully) {
  const Migration first{1, "first", "CREATE TABLE a (id {{ID}});"};
  Must(Migrate(*db_, {first}));

  const Migration broken{2, "broken",
                         "CREATE TABLE b (x INTEGER);\nINSERT INTO b VALUES (1);\n"
                         "INSERT INTO no_such_table VALUES (1);"};
  auto failed = Migrate(*db_, {first, broken});
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("0002_broken"), std::string::npos)
      << failed.error().message;

  auto connection = Connect();
  EXPECT_FALSE(TableExists(*connection, "b")) << "the statements before the failing one are undone";
  EXPECT_TRUE(TableExists(*connection, "a"));
  EXPECT_EQ(Recorded(*connection),
            (std::vector<std::pair<std::int64_t, std::string>>{{1, "first"}}));

  const Migration fixed{2, "broken", "CREATE TABLE b (x INTEGER);"};
  EXPECT_EQ(Must(Migrate(*db_, {first, fixed})), std::vector<int>{2});
}

TEST_P(StorageTest, AMigrationNumberedBelowTheLatestIsRefused) {
  const Migration one{1, "one", "CREATE TABLE one (x INTEGER);"};
  const Migration two{2, "two", "CREATE TABLE two (x INTEGER);"};
  const Migration three{3, "three", "CREATE TABLE three (x INTEGER);"};
  Must(Migrate(*db_, {one, three}));
  auto late = Migrate(*db_, {one, two, three});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kInternal);
  EXPECT_NE(late.error().message.find("0002_two"), std::string::npos) << late.error().message;
  auto connection = Connect();
  EXPECT_FALSE(TableExists(*connection, "two"));
}

TEST_P(StorageTest, TwoProcessesMigratingAtOnceApplyEachMigrationOnce) {
  std::vector<Migration> migrations;
  for (int version = 1; version <= 6; ++version) {
    migrations.push_back({version, "table" + std::to_string(version), ""});
  }
  const std::vector<std::string> sql = {
      "CREATE TABLE t1 (id {{ID}});", "CREATE TABLE t2 (id {{ID}});",
      "CREATE TABLE t3 (id {{ID}});", "CREATE TABLE t4 (id {{ID}});",
      "CREATE TABLE t5 (id {{ID}});", "CREATE TABLE t6 (id {{ID}});"};
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    migrations[i].sql = sql[i];
  }

  // Two Database objects: two pools, as two `shequ serve` processes would have.
  auto first = OpenAnother();
  auto second = OpenAnother();
  Result<std::vector<int>> applied_first, applied_second;
  std::thread a([&] { applied_first = Migrate(*first, migrations); });
  std::thread b([&] { applied_second = Migrate(*second, migrations); });
  a.join();
  b.join();
  ASSERT_TRUE(applied_first) << applied_first.error().message;
  ASSERT_TRUE(applied_second) << applied_second.error().message;

  std::vector<int> all = *applied_first;
  all.insert(all.end(), applied_second->begin(), applied_second->end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<int>{1, 2, 3, 4, 5, 6}));
  auto connection = Connect();
  EXPECT_EQ(Recorded(*connection).size(), 6u);
}

TEST_P(StorageTest, BuiltInMigrationsApplyOnBothBackends) {
  const std::vector<Migration>& built_in = BuiltInMigrations();
  const std::vector<int> applied = Must(Migrate(*db_));
  ASSERT_EQ(applied.size(), built_in.size());
  for (std::size_t i = 0; i < built_in.size(); ++i) {
    EXPECT_EQ(applied[i], built_in[i].version);
  }
  EXPECT_EQ(Must(Migrate(*db_)), std::vector<int>{});
}

// ---------------------------------------------------------------------------------------------
// The pool

TEST_P(StorageTest, ManyThreadsShareASmallPool) {
  auto database = OpenAnother({.pool_size = 3});
  {
    auto connection = Connect(*database);
    Exec(*connection, "CREATE TABLE visits (id {{ID}}, worker INTEGER NOT NULL)");
  }
  constexpr int kThreads = 8;
  constexpr int kVisitsEach = 15;
  std::atomic<int> failures = 0;
  std::vector<std::thread> workers;
  workers.reserve(kThreads);
  for (int worker = 0; worker < kThreads; ++worker) {
    workers.emplace_back([&, worker] {
      for (int i = 0; i < kVisitsEach; ++i) {
        auto connection = database->Acquire();
        if (!connection ||
            !(*connection)->Query("INSERT INTO visits (worker) VALUES (?)", {Int(worker)})) {
          ++failures;
        }
      }
    });
  }
  for (auto& worker : workers) {
    worker.join();
  }
  EXPECT_EQ(failures, 0);

  auto connection = Connect(*database);
  EXPECT_EQ(Count(*connection, "visits"), kThreads * kVisitsEach);
  const PoolStats stats = database->stats();
  EXPECT_EQ(stats.size, 3);
  EXPECT_EQ(stats.in_use, 1);
  EXPECT_EQ(stats.acquired, static_cast<std::uint64_t>(kThreads * kVisitsEach + 2));
  EXPECT_EQ(stats.timed_out, 0u);
}

TEST_P(StorageTest, AcquireGivesUpAfterTheTimeout) {
  auto database = OpenAnother({.pool_size = 1, .acquire_timeout = std::chrono::milliseconds(50)});
  auto held = Connect(*database);
  auto refused = database->Acquire();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);

  PoolStats stats = database->stats();
  EXPECT_EQ(stats.size, 1);
  EXPECT_EQ(stats.in_use, 1);
  EXPECT_EQ(stats.acquired, 1u);
  EXPECT_EQ(stats.waited, 1u);
  EXPECT_EQ(stats.timed_out, 1u);

  {
    PooledConnection released = std::move(held);
  }
  EXPECT_EQ(database->stats().in_use, 0);
  auto again = database->Acquire();
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(database->stats().acquired, 2u);
}

TEST_P(StorageTest, AWaitingAcquireGetsTheReturnedConnection) {
  auto database = OpenAnother({.pool_size = 1, .acquire_timeout = std::chrono::seconds(30)});
  std::optional<PooledConnection> held(Connect(*database));
  Result<PooledConnection> waited = Unavailable("not yet");
  std::thread waiter([&] { waited = database->Acquire(); });
  // Hand the connection back only once the waiter is waiting for it.
  while (database->stats().waited == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  held.reset();
  waiter.join();
  ASSERT_TRUE(waited) << waited.error().message;
  EXPECT_EQ(Must((*waited)->Query("SELECT 1")).rows.at(0).GetInt(0), 1);
  const PoolStats stats = database->stats();
  EXPECT_EQ(stats.waited, 1u);
  EXPECT_EQ(stats.timed_out, 0u);
  EXPECT_EQ(stats.acquired, 2u);
}

TEST_P(StorageTest, AConnectionReturnedInsideATransactionIsRolledBack) {
  auto database = OpenAnother({.pool_size = 1});
  {
    auto connection = Connect(*database);
    Exec(*connection, "CREATE TABLE t (id {{ID}}, name TEXT NOT NULL)");
    Must(connection->Begin());
    Must(connection->Query("INSERT INTO t (name) VALUES ('forgotten')"));
  }  // back to the pool without Commit() or Rollback()
  auto connection = Connect(*database);
  EXPECT_EQ(Count(*connection, "t"), 0);
  Must(connection->Begin());  // not still inside the old transaction
  Must(connection->Rollback());
}

TEST_P(StorageTest, MovedHandlesReturnTheirConnectionOnce) {
  auto database = OpenAnother({.pool_size = 2});
  {
    PooledConnection a = Connect(*database);
    PooledConnection b = Connect(*database);
    EXPECT_EQ(database->stats().in_use, 2);
    a = std::move(b);  // a's first connection goes back now
    EXPECT_EQ(database->stats().in_use, 1);
    PooledConnection c(std::move(a));
    EXPECT_EQ(database->stats().in_use, 1);
  }
  EXPECT_EQ(database->stats().in_use, 0);
}

TEST_P(StorageTest, TwoWritersDoNotDeadlock) {
  // Each transaction reads and then writes. With a deferred BEGIN on SQLite, two of these can each
  // hold a read lock and wait for the other's; BEGIN IMMEDIATE plus the busy timeout serialises
  // them instead.
  auto connection = Connect();
  Exec(*connection, "CREATE TABLE tickets (id {{ID}}, number INTEGER NOT NULL)");
  constexpr int kEach = 40;
  std::atomic<int> failures = 0;
  std::vector<std::thread> writers;
  writers.reserve(2);
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&] {
      auto own = db_->Acquire();
      if (!own) {
        ++failures;
        return;
      }
      for (int i = 0; i < kEach; ++i) {
        auto transaction = Transaction::Begin(**own);
        if (!transaction) {
          ++failures;
          continue;
        }
        auto count = (*own)->Query("SELECT COUNT(*) FROM tickets");
        if (!count ||
            !(*own)->Query("INSERT INTO tickets (number) VALUES (?)",
                           {Int(count->rows.at(0).GetInt(0) + 1)}) ||
            !transaction->Commit()) {
          ++failures;
        }
      }
    });
  }
  for (auto& writer : writers) {
    writer.join();
  }
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Count(*connection, "tickets"), 2 * kEach);
  if (GetParam() == Backend::kSqlite) {
    // Serialised from the start of each transaction, so every count read was current.
    EXPECT_EQ(
        Must(connection->Query("SELECT COUNT(DISTINCT number) FROM tickets")).rows[0].GetInt(0),
        2 * kEach);
  }
}

// ---------------------------------------------------------------------------------------------
// Opening

TEST_P(StorageTest, AMalformedUrlIsAnInvalidArgument) {
  const char* url = GetParam() == Backend::kSqlite ? "sqlite:" : "postgresql://u:%zz@127.0.0.1/x";
  auto opened = Database::Open(url);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);

  auto no_pool = Database::Open(url_, {.pool_size = 0});
  ASSERT_FALSE(no_pool);
  EXPECT_EQ(no_pool.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StorageTest, AnUnreachableDatabaseIsUnavailable) {
  // SQLite: a directory that does not exist; PostgreSQL: a port nothing listens on, with a
  // password that must not show up in the error.
  const std::string url =
      GetParam() == Backend::kSqlite
          ? "sqlite:" + (std::filesystem::temp_directory_path() /
                         ("shequ-missing-" + testing_support::RandomHex()) / "x.db")
                            .string()
          : "postgresql://shequ:s3cret@127.0.0.1:1/postgres";
  auto opened = Database::Open(url);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable) << opened.error().message;
  EXPECT_EQ(opened.error().message.find("s3cret"), std::string::npos) << opened.error().message;
}

TEST_P(StorageTest, ReportsBackendAndRedactedUrl) {
  EXPECT_EQ(db_->backend(), GetParam());
  EXPECT_EQ(db_->redacted_url(), url_);  // the test URLs hold no password
  auto connection = Connect();
  EXPECT_EQ(connection->backend(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

// ---------------------------------------------------------------------------------------------
// What only the PostgreSQL back end has: conversion by column type OID, and a server that can
// drop a connection. Same fixture, PostgreSQL only.

using PostgresOnlyTest = StorageTest;

TEST_P(PostgresOnlyTest, ConvertsResultsByColumnType) {
  auto connection = Connect();
  const auto result = Must(connection->Query(
      "SELECT CAST(1 AS SMALLINT), CAST(2 AS INTEGER), CAST(3 AS BIGINT), CAST(1.5 AS REAL),"
      " CAST(2.5 AS DOUBLE PRECISION), CAST(12.25 AS NUMERIC), TRUE, FALSE,"
      " CAST('\\x00ff00' AS BYTEA), CAST('2024-01-01' AS DATE), CAST('社区' AS VARCHAR(10)),"
      " CAST('NaN' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION),"
      " CAST('' AS BYTEA)"));
  ASSERT_EQ(result.rows.size(), 1u);
  const Row& row = result.rows[0];
  EXPECT_EQ(row.GetInt(0), 1);
  EXPECT_EQ(row.GetInt(1), 2);
  EXPECT_EQ(row.GetInt(2), 3);
  EXPECT_EQ(row.GetDouble(3), 1.5);
  EXPECT_EQ(row.GetDouble(4), 2.5);
  EXPECT_EQ(row.GetDouble(5), 12.25);
  EXPECT_EQ(row.GetInt(6), 1);
  EXPECT_EQ(row.GetInt(7), 0);
  EXPECT_EQ(row.GetBlob(8), (Blob{{0, 0xff, 0}}));
  EXPECT_EQ(row.GetText(9), "2024-01-01");
  EXPECT_EQ(row.GetText(10), "社区");
  EXPECT_TRUE(std::isnan(row.GetDouble(11)));
  EXPECT_EQ(row.GetDouble(12), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(row.GetBlob(13), Blob{});
}

TEST_P(PostgresOnlyTest, ABrokenConnectionIsDroppedByThePool) {
  auto database = OpenAnother({.pool_size = 1});
  std::int64_t old_pid = 0;
  {
    auto connection = Connect(*database);
    old_pid = Must(connection->Query("SELECT pg_backend_pid()")).rows.at(0).GetInt(0);
    auto killer = Connect();
    // With a timeout, pg_terminate_backend waits until the backend is gone.
    ASSERT_EQ(Must(killer->Query("SELECT pg_terminate_backend(?, 5000)", {Int(old_pid)}))
                  .rows.at(0)
                  .GetInt(0),
              1);
    auto lost = connection->Query("SELECT 1");
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().code, ErrorCode::kUnavailable) << lost.error().message;
  }
  auto fresh = Connect(*database);
  EXPECT_NE(Must(fresh->Query("SELECT pg_backend_pid()")).rows.at(0).GetInt(0), old_pid);
  EXPECT_EQ(database->stats().in_use, 1);
}

TEST_P(PostgresOnlyTest, AMissingDatabaseIsUnavailable) {
  auto opened = Database::Open(WithDatabase(admin_url_, "shequ_no_such_database"));
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
}

INSTANTIATE_TEST_SUITE_P(Backends, PostgresOnlyTest, testing::Values(Backend::kPostgres),
                         ParamName);

}  // namespace
}  // namespace shequ::store
