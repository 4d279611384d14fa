# Sources of src/schedule, built into il2t_schedule by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  schedule/date.cpp
  schedule/schedule.cpp
)
