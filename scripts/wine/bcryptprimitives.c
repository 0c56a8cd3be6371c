/* A stand-in for Windows' bcryptprimitives.dll, for running jiebie's tests under Wine 8 only.
 *
 * Rust's standard library (since 1.78) takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll, which Wine 8 does not provide, so every Rust .exe fails to start under it.
 * This DLL exports ProcessPrng and fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. It is never shipped: Windows 10 and 11 have the real one.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
