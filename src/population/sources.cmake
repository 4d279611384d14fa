# Sources of src/population, built into il2t_population by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  population/candidates.cpp
  population/choice.cpp
  population/growth.cpp
  population/params.cpp
  population/screening_params.cpp
)
