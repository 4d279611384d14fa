args: simulate protocols/NCT02465580-he2020.toml --target-power 0.8 --n 40
exit: 2
