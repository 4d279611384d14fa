args: schedule protocols/NCT04397107-paediatric.toml --arm il2 --start 2027-01-04
exit: 1
