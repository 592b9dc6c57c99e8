enum ExecutorModule {}
