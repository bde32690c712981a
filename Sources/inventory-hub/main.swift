import InventoryHubCLI

await InventoryHubMain.run()
