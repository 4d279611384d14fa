# Sources of src/measures, added to il2trial_lib by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  measures/catalogue.cpp
)
