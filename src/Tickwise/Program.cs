return Tickwise.Cli.TickwiseCli.Run(args);
