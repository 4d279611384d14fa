# Sources of src/model, added to il2trial_lib by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  model/course.cpp
  model/individual.cpp
  model/integrator.cpp
  model/model.cpp
  model/observe.cpp
  model/parameter_set.cpp
  model/params.cpp
  model/plan.cpp
  model/rhs.cpp
)
# The solver's inner loops: -O3 lets the compiler vectorise the stage arithmetic.
set_source_files_properties(model/integrator.cpp model/rhs.cpp model/course.cpp
  PROPERTIES COMPILE_OPTIONS "-O3")
