from quizprep.cli import main

raise SystemExit(main())
