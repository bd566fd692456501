from svodka.cli import main

main()
