# Sources of src/core, built into il2t_core by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  core/diagnostic.cpp
  core/units.cpp
)
