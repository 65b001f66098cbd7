#pragma once
// Shared helpers for the GoogleTest suites.
#include <gtest/gtest.h>

#include <string>

// Expects `statement` to throw `type` whose what() contains `fragment`.
#define KULKIJA_EXPECT_THROW_MSG(statement, type, fragment)                                  \
  do {                                                                                       \
    try {                                                                                    \
      statement;                                                                             \
      ADD_FAILURE() << "expected " #type " from: " #statement;                               \
    } catch (const type& e) {                                                                \
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)                     \
          << "message: " << e.what() << "\nexpected to contain: " << (fragment);             \
    }                                                                                        \
  } while (false)
