#!/usr/bin/env python
from bonavi.__main__ import main

if __name__ == "__main__":
    main()
