// The batch kernels compiled for baseline (the compiler's default target). See batch_kernels.inc.
#define KULKIJA_BATCH_ENGINE batch_engine_baseline
#define KULKIJA_BATCH_NAME "baseline"
#include "batch_kernels.inc"
