// glibc_floor.cpp — lets the Linux addon load on glibc 2.28 or newer although it is built on a newer glibc with
// libstdc++ and libgcc linked in statically (so it needs no libstdc++.so.6 or libgcc_s.so.1 from the host).
// Compiled into the addon by cmake/glibc-floor.cmake, which links with `-Wl,--wrap=<name>` for each name below, so
// every reference to it — ours and those inside libstdc++.a and libgcc_eh.a — binds to `__wrap_<name>` here:
//   pthread_once, __pthread_key_create   GLIBC_2.34 since libpthread moved into libc; the versions they had before
//                                        (GLIBC_2.2.5 on x86_64, GLIBC_2.17 on aarch64) are kept by every glibc,
//                                        so the wrappers call those, pinned with `.symver`.
//   __libc_single_threaded (2.32)        libstdc++ reads it to skip atomic reference counts; ours always reads 0
//                                        ("other threads may exist"), which is always true in Node.
//   arc4random (2.36)                    reached from std::random_device, which <sstream>'s locale objects link in
//                                        and nothing calls: getrandom (2.25), else /dev/urandom.
//   _dl_find_object (2.35)               the unwinder's question "which object holds this PC, where is its
//                                        .eh_frame_hdr", answered with dl_iterate_phdr (2.2.5) as libgcc did
//                                        before glibc 2.35.
// test/platforms/glibc-floor.test.ts reads the result: no symbol version above GLIBC_2.28, no GLIBCXX_, CXXABI_
// or GCC_ version, and only libc / libm / libpthread / the dynamic loader as DT_NEEDED.
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__x86_64__)
#define KMDF_GLIBC_BASELINE "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define KMDF_GLIBC_BASELINE "GLIBC_2.17"
#else
#error "glibc_floor.cpp knows the first glibc symbol version of x86_64 and aarch64 only"
#endif

#define KMDF_FLOOR_API extern "C" __attribute__((visibility("hidden")))

// ---- pthread_once, __pthread_key_create: the pre-2.34 versions ---------------------------------------------
extern "C" int kmdf_floor_pthread_once(pthread_once_t* once, void (*init)(void));
extern "C" int kmdf_floor_pthread_key_create(pthread_key_t* key, void (*destructor)(void*));
__asm__(".symver kmdf_floor_pthread_once, pthread_once@" KMDF_GLIBC_BASELINE);
__asm__(".symver kmdf_floor_pthread_key_create, __pthread_key_create@" KMDF_GLIBC_BASELINE);

KMDF_FLOOR_API int __wrap_pthread_once(pthread_once_t* once, void (*init)(void)) {
  return kmdf_floor_pthread_once(once, init);
}

KMDF_FLOOR_API int __wrap___pthread_key_create(pthread_key_t* key, void (*destructor)(void*)) {
  return kmdf_floor_pthread_key_create(key, destructor);
}

// ---- __libc_single_threaded ------------------------------------------------------------------------------------
KMDF_FLOOR_API char __wrap___libc_single_threaded;
char __wrap___libc_single_threaded = 0;

// ---- arc4random ------------------------------------------------------------------------------------------------
namespace {

bool fillFromGetrandom(unsigned char* p, size_t n) {
  size_t got = 0;
  while (got < n) {
    const ssize_t r = getrandom(p + got, n - got, 0);
    if (r > 0) {
      got += static_cast<size_t>(r);
    } else if (r < 0 && errno == EINTR) {
      continue;
    } else {
      return false;  // ENOSYS before Linux 3.17, or a seccomp filter
    }
  }
  return true;
}

bool fillFromUrandom(unsigned char* p, size_t n) {
  const int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  size_t got = 0;
  while (got < n) {
    const ssize_t r = read(fd, p + got, n - got);
    if (r > 0) {
      got += static_cast<size_t>(r);
    } else if (!(r < 0 && errno == EINTR)) {
      break;
    }
  }
  close(fd);
  return got == n;
}

}  // namespace

KMDF_FLOOR_API uint32_t __wrap_arc4random(void) {
  uint32_t value = 0;
  unsigned char* bytes = reinterpret_cast<unsigned char*>(&value);
  if (fillFromGetrandom(bytes, sizeof value) || fillFromUrandom(bytes, sizeof value)) return value;
  std::abort();  // glibc's own arc4random also ends the process when the kernel gives no randomness
}

// ---- _dl_find_object (only where glibc's headers declare it, i.e. built on 2.35 or newer) ----------------------
#if defined(DLFO_STRUCT_HAS_EH_DBASE)
#if DLFO_STRUCT_HAS_EH_DBASE
#error "this target's unwinder needs dlfo_eh_dbase (i386): not implemented"
#endif
namespace {

struct FindObjectQuery {
  uintptr_t pc;
  dl_find_object* result;
  bool found;
};

int findObjectInModule(dl_phdr_info* info, size_t, void* data) {
  auto* query = static_cast<FindObjectQuery*>(data);
  uintptr_t start = UINTPTR_MAX, end = 0;
  bool holdsPc = false;
  void* ehFrameHdr = nullptr;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type == PT_LOAD) {
      const uintptr_t lo = info->dlpi_addr + ph.p_vaddr, hi = lo + ph.p_memsz;
      if (lo < start) start = lo;
      if (hi > end) end = hi;
      if (query->pc >= lo && query->pc < hi) holdsPc = true;
    } else if (ph.p_type == PT_GNU_EH_FRAME) {
      ehFrameHdr = reinterpret_cast<void*>(info->dlpi_addr + ph.p_vaddr);
    }
  }
  if (!holdsPc) return 0;  // keep iterating
  dl_find_object* out = query->result;
  out->dlfo_flags = 0;
  out->dlfo_map_start = reinterpret_cast<void*>(start);
  out->dlfo_map_end = reinterpret_cast<void*>(end);
  out->dlfo_link_map = nullptr;  // not known from dl_iterate_phdr; libgcc's unwinder does not read it
  out->dlfo_eh_frame = ehFrameHdr;
  query->found = true;
  return 1;  // stop
}

}  // namespace

KMDF_FLOOR_API int __wrap__dl_find_object(void* pc, dl_find_object* result) {
  FindObjectQuery query{reinterpret_cast<uintptr_t>(pc), result, false};
  dl_iterate_phdr(findObjectInModule, &query);
  return query.found ? 0 : -1;
}
#endif
