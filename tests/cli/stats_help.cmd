args: stats --help
exit: 0
