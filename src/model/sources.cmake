# Sources of src/model, built into il2t_model by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  model/bind_log.cpp
  model/course.cpp
  model/course_lanes.cpp
  model/draws.cpp
  model/individual.cpp
  model/integrator.cpp
  model/integrator_lanes.cpp
  model/model.cpp
  model/observe.cpp
  model/serology.cpp
  model/parameter_set.cpp
  model/params.cpp
  model/plan.cpp
  model/rhs.cpp
  model/rhs_lanes.cpp
)
# The solver's inner loops: -O3 lets the compiler vectorise the stage arithmetic.
set_source_files_properties(model/integrator.cpp model/rhs.cpp model/course.cpp
  PROPERTIES COMPILE_OPTIONS "-O3")
# The lane solver: also the SIMD level the build chose (CMakeLists.txt, IL2T_SIMD).
set_source_files_properties(model/integrator_lanes.cpp model/course_lanes.cpp
  PROPERTIES COMPILE_OPTIONS "-O3;${IL2T_SIMD_FLAGS}")
# The lane right-hand side also without errno from the math functions, so that its
# element-wise square root becomes one vector instruction (correctly rounded, as the
# scalar one; nothing in the project reads errno).
set_source_files_properties(model/rhs_lanes.cpp
  PROPERTIES COMPILE_OPTIONS "-O3;${IL2T_SIMD_FLAGS};-fno-math-errno")
