"""Running many scene renders: the render task, warm local workers, the scheduler and the Dask cluster."""
