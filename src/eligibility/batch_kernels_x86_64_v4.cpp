// The batch kernels compiled for x86-64-v4; batch.cpp runs them only on a CPU that has it. See batch_kernels.inc.
#define KULKIJA_BATCH_ENGINE batch_engine_x86_64_v4_impl
#define KULKIJA_BATCH_NAME "x86-64-v4"
#include "batch_kernels.inc"
