namespace EdgeGateway.Hj212.Packets;

/// <summary><c>CalibrationType</c> of a 3011 (HJ 212-2025, [CY] C41).</summary>
public enum Hj212CalibrationType
{
    /// <summary>0: zero calibration.</summary>
    Zero = 0,

    /// <summary>1: span calibration.</summary>
    Span = 1,
}
