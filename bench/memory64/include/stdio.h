// The part of <stdio.h> that bench/memory64/shim.c implements.
#pragma once
int printf(const char *format, ...);
