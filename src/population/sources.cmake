# Sources of src/population, added to il2trial_lib by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  population/candidates.cpp
  population/choice.cpp
)
