package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.jvm.kernels.CpuInfo.Avx512;
import org.junit.jupiter.api.Test;

/** Reading {@code /proc/cpuinfo} as the kernels' hosts show it, on texts copied from real machines. */
class CpuInfoTest {
    private static final String FALLBACK = "amd64 (Linux)";

    /** Two processors of a virtual AMD machine, as Linux lists them (flags shortened). */
    private static final String EPYC = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 17
            model name\t: AMD EPYC 9R14
            stepping\t: 1
            cpu MHz\t\t: 2600.000
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sse sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl avx512_bf16
            bugs\t\t: sysret_ss_attrs null_seg spectre_v1

            processor\t: 1
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 9R14
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sse sse2 avx avx2 fma avx512f
            """;

    /** An Intel desktop: AVX2, no AVX-512. */
    private static final String COFFEE_LAKE = """
            processor\t: 0
            model name\t: Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz
            flags\t\t: fpu vme sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2
            """;

    /** An ARM server: no model name, features under another key. */
    private static final String GRAVITON = """
            processor\t: 0
            BogoMIPS\t: 243.75
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm
            CPU implementer\t: 0x41
            CPU architecture: 8
            """;

    @Test
    void readsTheModelAndTheAvx512Flag() {
        CpuInfo epyc = CpuInfo.parse(EPYC, FALLBACK);
        assertThat(epyc).isEqualTo(new CpuInfo("AMD EPYC 9R14", Avx512.PRESENT));
        assertThat(epyc.describe()).isEqualTo("AMD EPYC 9R14 · AVX-512");

        CpuInfo intel = CpuInfo.parse(COFFEE_LAKE, FALLBACK);
        assertThat(intel).isEqualTo(new CpuInfo("Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", Avx512.ABSENT));
        assertThat(intel.describe()).isEqualTo("Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz · no AVX-512");
    }

    @Test
    void avx512MeansTheFoundationFlagItself() {
        // Extensions name their own flags; only avx512f says the 512-bit instructions are there.
        String text = "model name : X\nflags : avx2 avx512vl avx512_fp16\n";
        assertThat(CpuInfo.parse(text, FALLBACK).avx512()).isEqualTo(Avx512.ABSENT);
        assertThat(CpuInfo.parse("model name : X\nflags : avx2 avx512f\n", FALLBACK).avx512())
                .isEqualTo(Avx512.PRESENT);
    }

    @Test
    void withoutAModelNameTheFallbackIsShown() {
        CpuInfo arm = CpuInfo.parse(GRAVITON, "aarch64 (Linux)");
        assertThat(arm).isEqualTo(new CpuInfo("aarch64 (Linux)", Avx512.ABSENT));

        CpuInfo nothing = CpuInfo.parse("", FALLBACK);
        assertThat(nothing).isEqualTo(new CpuInfo(FALLBACK, Avx512.UNKNOWN));
        assertThat(nothing.describe()).as("no claim either way").isEqualTo(FALLBACK);
        assertThat(CpuInfo.parse("model name\t:\nflags\t:\n", FALLBACK))
                .as("empty values").isEqualTo(new CpuInfo(FALLBACK, Avx512.ABSENT));
    }

    @Test
    void thisMachineIsDescribed() {
        CpuInfo cpu = CpuInfo.current();
        assertThat(cpu.model()).isNotBlank();
        assertThat(CpuInfo.current()).as("read once").isSameAs(cpu);
    }

    @Test
    void aModelIsRequired() {
        assertThatThrownBy(() -> new CpuInfo(" ", Avx512.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
    }
}
