import sys

from enrolsim.cli import main

sys.exit(main())
