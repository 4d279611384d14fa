# Sources of src/schedule, added to il2trial_lib by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  schedule/date.cpp
  schedule/schedule.cpp
)
