# Sources of src/eligibility, built into il2t_eligibility by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  eligibility/expr_eval.cpp
  eligibility/expr_parse.cpp
  eligibility/fields.cpp
  eligibility/record.cpp
  eligibility/screen.cpp
)
