args: simulate protocols/NCT02465580-he2020.toml --models linear,emax:x
exit: 2
