# Sources of src/adam, built into il2t_adam by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  adam/adam.cpp
  adam/bds.cpp
)
