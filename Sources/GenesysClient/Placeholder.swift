import AsyncHTTPClient
enum GenesysClientModule {}
