#include "base/error.h"

#include <gtest/gtest.h>

namespace shequ {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) return InvalidArgument("odd", "value");
  return value / 2;
}

Result<int> Quarter(int value) {
  auto half = Half(value);
  SHEQU_RETURN_IF_ERROR(half);
  return Half(*half);
}

TEST(ErrorTest, ReturnIfErrorPropagatesTheFirstError) {
  EXPECT_EQ(Quarter(8).value(), 2);
  const auto odd = Quarter(6);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(odd.error().field, "value");
}

TEST(ErrorTest, CodeNamesAreStableSnakeCase) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnauthenticated), "unauthenticated");
}

}  // namespace
}  // namespace shequ
