import App
await Entrypoint.main()
