enum RefreshPlanModule {}
