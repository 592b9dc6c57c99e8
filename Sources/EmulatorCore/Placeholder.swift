enum EmulatorCoreModule {}
