# Sources of src/trial, added to il2trial_lib by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  trial/randomisation.cpp
)
