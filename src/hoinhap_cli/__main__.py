from hoinhap_cli.cli import main

main()
