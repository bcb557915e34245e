using CmaActors.Emulator.Reports;

namespace CmaActors.Emulator.Tests.Reports;

public sealed class WordsTests
{
    [Theory]
    [InlineData(0, "page", "0 pages")]
    [InlineData(1, "page", "1 page")]
    [InlineData(2, "page", "2 pages")]
    [InlineData(1154, "schedule", "1,154 schedules")]
    [InlineData(1, "full walk", "1 full walk")]
    public void Count_is_singular_for_exactly_one(long count, string noun, string expected) => Assert.Equal(expected, Words.Count(count, noun));

    [Fact]
    public void Count_takes_an_irregular_plural() => Assert.Equal("3 entries", Words.Count(3, "entry", "entries"));

    [Theory]
    [InlineData("Isolate", "an Isolate")]
    [InlineData("Unmovable", "an Unmovable")]
    [InlineData("Movable", "a Movable")]
    [InlineData("CMA", "a CMA")]
    [InlineData("8.0", "an 8.0")]
    [InlineData("11.5", "an 11.5")]
    [InlineData("18", "an 18")]
    [InlineData("110", "a 110")]
    [InlineData("11,000", "an 11,000")]
    [InlineData("60.0", "a 60.0")]
    public void A_follows_the_first_sound(string word, string expected) => Assert.Equal(expected, Words.A(word));
}
