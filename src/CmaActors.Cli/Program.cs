using CmaActors.Cli;

return CliApp.Run(args);
