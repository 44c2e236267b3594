// An account: who a person is to shequ, their role and the scope their authority covers.
//
// User never carries the password hash; only UserRepository and AuthService see it. NewUser is
// what a caller asks AuthService::AddUser to create. Plain values, safe to copy between threads.
#pragma once

#include <string>

#include "auth/principal.h"
#include "base/civil_time.h"
#include "base/ids.h"

namespace shequ::auth {

struct User {
  UserId id;
  std::string login;         // 3-32 of [a-z0-9_.-], unique
  std::string display_name;  // 1-64 characters, e.g. 张丽
  Role role = Role::kResident;
  Scope scope;
  bool disabled = false;
  Instant created_at = 0;
  Instant updated_at = 0;
};

struct NewUser {
  std::string login;  // ASCII upper case is lowered before the rules are checked
  std::string display_name;
  std::string password;  // plain text; hashed before it is stored, never logged
  Role role = Role::kResident;
  Scope scope;
};

}  // namespace shequ::auth
