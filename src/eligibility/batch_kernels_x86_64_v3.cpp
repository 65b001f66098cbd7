// The batch kernels compiled for x86-64-v3; batch.cpp runs them only on a CPU that has it. See batch_kernels.inc.
#define KULKIJA_BATCH_ENGINE batch_engine_x86_64_v3_impl
#define KULKIJA_BATCH_NAME "x86-64-v3"
#include "batch_kernels.inc"
