# Sources of src/measures, built into il2t_measures by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  measures/catalogue.cpp
)
