args: check-model --replicates 5
exit: 2
