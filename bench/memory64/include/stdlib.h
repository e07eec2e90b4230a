// The part of <stdlib.h> that bench/memory64/shim.c implements.
#pragma once
#include <stddef.h>
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void free(void *p);
int atoi(const char *s);
