# Sources of src/instruments, built into il2t_instruments by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  instruments/bilag.cpp
  instruments/bsa.cpp
  instruments/ctcae.cpp
  instruments/essdai.cpp
  instruments/esspri.cpp
  instruments/items.cpp
  instruments/jadas.cpp
  instruments/parse.cpp
  instruments/pga.cpp
  instruments/response.cpp
  instruments/sledai.cpp
  instruments/sri.cpp
  instruments/steroids.cpp
  instruments/vas.cpp
)
