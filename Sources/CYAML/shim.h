#ifndef SANDBOX_REFRESH_CYAML_SHIM_H
#define SANDBOX_REFRESH_CYAML_SHIM_H
#include <yaml.h>
#endif
