from generator.cli import main

if __name__ == "__main__":  # a spawned child process (Windows, macOS) imports this module again
    main()
