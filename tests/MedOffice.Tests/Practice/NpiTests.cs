using MedOffice.Practice;

namespace MedOffice.Tests.Practice;

public class NpiTests
{
    [Theory]
    [InlineData("1234567893")] // the CMS specification's worked example
    [InlineData("1245319599")]
    [InlineData("1003000126")]
    [InlineData("1497758544")]
    public void A_published_NPI_with_a_correct_check_digit_is_accepted(string text)
    {
        Assert.True(Npi.TryParse(text, out var npi));
        Assert.Equal(text, npi.Value.Value);
        Assert.Equal(text, Npi.Parse(text).ToString());
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("1234567894")]
    [InlineData("1245319590")]
    [InlineData("1234567839")] // last two digits swapped
    public void An_NPI_with_a_wrong_check_digit_is_refused(string text)
    {
        Assert.False(Npi.TryParse(text, out var npi));
        Assert.Null(npi);
        var error = Assert.Throws<FormatException>(() => Npi.Parse(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("12345678930")]
    [InlineData("123456789X")]
    [InlineData(" 1234567893")]
    [InlineData("123-456-7893")]
    [InlineData("１２３４５６７８９３")] // full-width digits look right on screen but are not an NPI
    [InlineData(null)]
    public void Text_that_is_not_ten_ascii_digits_is_refused(string? text) =>
        Assert.False(Npi.TryParse(text, out _));

    [Fact]
    public void Appending_the_check_digit_to_nine_digits_makes_the_published_example() =>
        Assert.Equal("1234567893", Npi.FromNineDigits("123456789").Value);
}
