"""`python -m grader <command>`: the teacher's toolchain."""

import sys

from grader.cli import main

sys.exit(main())
