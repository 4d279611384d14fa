args: analyze protocols/NCT02465580-he2020.toml --sdtm examples/sdtm/NCT02465580/xpt --models linear,emax:0.2,bogus
exit: 2
