args: simulate protocols/NCT02465580-he2020.toml --target-power 80
exit: 2
