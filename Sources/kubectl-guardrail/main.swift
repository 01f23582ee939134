import GuardrailCLI

// The whole program lives in GuardrailCLI; this file only hands it argv.
await GuardrailMain.run(CommandLine.arguments)
