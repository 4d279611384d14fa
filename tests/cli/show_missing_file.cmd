args: show tests/data/no-such-file.toml
exit: 1
