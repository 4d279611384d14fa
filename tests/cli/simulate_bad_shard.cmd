args: simulate protocols/NCT02465580-he2020.toml --shard 3/3 --out %WORK%/x.json
exit: 2
